"""osteoviz: rule-driven animations of human bone formation for lectures and self-study."""

__version__ = "0.1.0"
