"""The knowledge base: markdown sections with front matter, a bm25s index over them, and
answers to side questions built from their sentences."""
