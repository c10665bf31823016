"""The writers: each takes a `Document` (generator.document) and a path; gives one file, written
atomically: the intranet page (`html`), Markdown (`markdown`), the PDF (`pdf/`, WeasyPrint from the
HTML, tagged or archival) and the DOCX (`docx/`, python-docx, with tracked changes against a
previous Document for the redline). Shared by them: the labels, the glyph check, table widths,
the word diff and the URL fetcher that keeps WeasyPrint to the shipped files.
"""
