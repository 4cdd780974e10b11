"""The `troly` subcommands, each in its module, imported only when it runs (so `troly
--help` answers at once)."""
