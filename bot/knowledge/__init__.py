"""The knowledge base: markdown sections with front matter, and a bm25s index over them."""
