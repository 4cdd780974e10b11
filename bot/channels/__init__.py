"""Channels translate native messages to the core's IncomingMessage and replies back."""
