"""PDF documents drawn with reportlab: fonts, the official-notice frame, one module per document."""
