"""Helpers the test suites share: the OpenAPI contract and API clients."""
