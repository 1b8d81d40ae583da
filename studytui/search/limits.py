"""Search limits that the shell's --help states without loading the index."""

# hits one search returns at most; a larger limit is clamped to this
MAX_LIMIT = 1000
