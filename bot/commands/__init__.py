"""The commands of the ``explainer`` command line, one module per concern."""
