"""The clause library: takes a library folder (library.yaml, options.yaml, clauses/) and the
overlay folders laid over it; gives the checked `Library` (its decision points, clauses and
sources), which clauses apply under a set of option values, and its texts and conditions
evaluated as Jinja2 templates in a bounded sandbox.
"""
