"""Conflict with empathy. So far: the message coach (:mod:`closeknit.conflict.coach`)."""
