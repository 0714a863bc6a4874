"""The Streamlit simulator: thin pages on the engine (widgets -> engine -> charts)."""
