"""Generator of the body chart (geometry.json and the SVGs); see tools/bodychart/README.md."""
