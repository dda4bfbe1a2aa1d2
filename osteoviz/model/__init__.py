"""The pure simulation model of osteoviz: numpy and the standard library only, no Qt."""
