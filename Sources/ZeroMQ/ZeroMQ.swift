// Module ZeroMQ: see docs/ARCHITECTURE.md.
