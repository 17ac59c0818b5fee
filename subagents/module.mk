# Subagents: the shared core (subagents/common) and the agents, each
# part with its own fragment.
include $(sort $(wildcard subagents/*/module.mk))
