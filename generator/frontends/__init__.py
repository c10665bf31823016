"""The front ends: take a person's request (the `policygen` command line, the web form of
`serve`, the terminal interview, a CSV batch of schools, `explain`, `schema`, a starter options
file); give it to the library stages below (`generator.pipeline.build` and the rest) and show
the result. Nothing below imports them.
"""
