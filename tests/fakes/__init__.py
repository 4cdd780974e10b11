"""In-process fake servers of the chat platforms, spoken to over real HTTP in tests."""
