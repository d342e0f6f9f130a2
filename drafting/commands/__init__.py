"""Click commands, one module per area; each loads input, calls the library, writes."""
