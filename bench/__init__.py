"""Measurements of the product: latency, throughput, CPU and LLM cost, each against a baseline."""
