"""The DOCX writer: takes a `Document` (and for a redline the previous one); gives a Word file made
with python-docx: its styles, headings and bookmarks, tables, review notes, package metadata and
tracked changes word by word. The only stage that imports python-docx, so it also reads back a file
it wrote that a school then edited (`read_back`, for `policygen absorb`).
"""
