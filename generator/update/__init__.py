"""Keeping an adopted policy current: `policygen update` and `policygen absorb`.

The stage takes what a school adopted (its build record, which carries the resolved policy,
or an options file), the school's own Word edits (absorbed into an overlay folder), and the
clause library as it is now with its `CHANGELOG.yaml`. It gives, per school, a new draft
(status draft, version bumped), a redline DOCX against the adopted policy whose comments
give the changelog's reasons, and a short changelog for the school board (HTML, Markdown).

  changelog   read and check a library's CHANGELOG.yaml (`Changelog`)
  migrate     turn an old options file or record into one of today's library (`migrate`)
  absorb      an edited DOCX of policygen's into an overlay folder of the school's own clauses (the file
              itself is read by `writers.docx.read_back`: only the DOCX writer's folder imports python-docx)
  three_way   per clause: adopted text, the school's text, the library's new text; conflicts
  board       the board's changelog (Markdown and HTML)
  run         one school updated (`update_one`)
  many        many schools in `batch`'s worker processes (`run_update`), and their summary

It is a front end beside `frontends` (the layers contract in pyproject.toml): it uses the pipeline,
the redline's pieces and the writers, and never imports the other front ends; the CLI hands it
`batch`'s pool of worker processes (`many.run_update(execute=...)`).
"""
