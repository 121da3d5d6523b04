"""Conflict with empathy: the message coach (more to come: time-out and repair)."""
