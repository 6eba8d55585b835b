/** About 60 pages: beyond it a PDF is slow to make and to read; CSV has no cap. */
export const PDF_MAX_MOVEMENTS = 2000;
