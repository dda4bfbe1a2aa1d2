"""Qt side of osteoviz: renderer, window, widgets (the model never imports this)."""
