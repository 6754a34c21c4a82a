import { errorMessage } from '../docker-config/file-access';
import { isPlainObject } from '../shared/plain-object';

/**
 * The code cells of a `.ipynb` file. Outputs (images, tables, logs) are most of a notebook's
 * bytes; JSON.parse has to step over them but nothing here looks at them again.
 */

export interface CodeCell {
  /** 1-based position among all cells, as the user sees it in the notebook. */
  index: number;
  source: string;
}

export type NotebookCells = { ok: true; cells: CodeCell[]; totalCells: number; language: string | null } | { ok: false; reason: string };

export function readNotebookCells(text: string): NotebookCells {
  let document: unknown;
  try {
    document = JSON.parse(stripBom(text));
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${errorMessage(error)})` };
  }
  if (!isPlainObject(document)) return { ok: false, reason: 'the file is JSON but not a notebook object' };
  const language = notebookLanguage(document.metadata);
  const rawCells = allCells(document);
  if (rawCells === null) return { ok: false, reason: 'no "cells" list (is this an nbformat 4 notebook?)' };
  const cells: CodeCell[] = [];
  for (let i = 0; i < rawCells.length; i++) {
    const cell = rawCells[i];
    if (!isPlainObject(cell) || cell.cell_type !== 'code') continue;
    // nbformat 4 calls it `source`, nbformat 3 called it `input`.
    const source = sourceText(cell.source ?? cell.input);
    if (source === null) return { ok: false, reason: `cell ${i + 1} has no readable source` };
    cells.push({ index: i + 1, source });
  }
  return { ok: true, cells, totalCells: rawCells.length, language };
}

function allCells(document: Record<string, unknown>): unknown[] | null {
  if (Array.isArray(document.cells)) return document.cells;
  if (Array.isArray(document.worksheets)) {
    return document.worksheets.flatMap((sheet: unknown) => (isPlainObject(sheet) && Array.isArray(sheet.cells) ? (sheet.cells as unknown[]) : []));
  }
  return null;
}

function sourceText(source: unknown): string | null {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((part): part is string => typeof part === 'string')) {
    return source.join('');
  }
  return null;
}

/** The kernel language when the notebook says; null when it does not (then we assume Python). */
function notebookLanguage(metadata: unknown): string | null {
  if (!isPlainObject(metadata)) return null;
  const kernel = metadata.kernelspec;
  if (isPlainObject(kernel) && typeof kernel.language === 'string') return kernel.language;
  const info = metadata.language_info;
  if (isPlainObject(info) && typeof info.name === 'string') return info.name;
  return null;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
