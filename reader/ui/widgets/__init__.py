"""One widget per module; each is named for what it shows."""
