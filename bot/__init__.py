"""Edge and composition root: command line, settings, channels."""
