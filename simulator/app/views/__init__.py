"""One module per simulator page; each draws the results of its model."""
