// Entry point of this module (being written).
