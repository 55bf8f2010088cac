"""Excel files with openpyxl: ledgers sent upward, import templates and sheet readers."""
