"""Transport-neutral core: reads incoming messages, answers, and returns replies."""
