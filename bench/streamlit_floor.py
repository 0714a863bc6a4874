"""The smallest Streamlit page (one slider, one metric): what a rerun costs before any app
code, on the same machine and measured the same way as the simulator's pages."""

import streamlit as st

if __name__ == "__main__":
    value = st.slider("Value", 0.0, 1.0, 0.5, 0.01)
    st.metric("Metric", f"{value * 1000:.1f}")
