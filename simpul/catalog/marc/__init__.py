"""MARC21, MARCXML and catalogue CSV: reading, mapping to plain fields, writing and export.

Pure Python (pymarc and lxml), no database. ``reader`` turns files into pymarc records (binary
records through ``iso2709``, CSV rows through ``csvformat`` and ``csvrecord``); ``mapping`` turns
records into the fields Simpul stores; ``writer`` builds records from the simple cataloguing
form; ``export`` writes MARC21, MARCXML, Dublin Core and CSV; ``isbn`` checks standard numbers.
"""
