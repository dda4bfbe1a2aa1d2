"""Content, palettes and strings shipped with osteoviz (data only; see README)."""
