"""Keeping an adopted policy current: `policygen update` and `policygen absorb`.

The stage takes what a school adopted (its build record, which carries the resolved policy,
or an options file), the school's own Word edits (absorbed into an overlay folder), and the
clause library as it is now with its `CHANGELOG.yaml`. It gives, per school, a new draft
(status draft, version bumped), a redline DOCX against the adopted policy whose comments
give the changelog's reasons, and a short changelog for the school board (HTML, Markdown).

  changelog   read and check a library's CHANGELOG.yaml (`Changelog`)
  migrate     turn an old options file or record into one of today's library (`migrate`)
  absorb      an edited DOCX of policygen's into an overlay folder of the school's own clauses
  three_way   per clause: adopted text, the school's text, the library's new text; conflicts
  board       the board's changelog (Markdown and HTML)
  run         one school updated (`update_one`), and many in parallel like `batch` (`run_update`)

It sits above the pipeline (load, validate, resolve, the writers, the redline): nothing below
imports it.
"""
