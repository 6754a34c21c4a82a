import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import type { PackageEntry, Recipe, RecipePlan } from '../../../electron/contract/domain/recipe';
import type { InferenceResult } from '../../../electron/contract/domain/infer';
import { DROPPED_BYTES_SENT } from '../../../electron/contract/ipc';
import type { AppError } from '../../../electron/contract/errors';
import { call, errorMessage } from '../lib/api';
import { useRequest } from '../lib/use-request';
import { baseName } from '../lib/names';
import { newId, recipeReducer, type OpenedFile, type RecipeAction, type RecipeState } from './recipe-state';

interface RecipeContextValue {
  state: RecipeState;
  plan: RecipePlan | null;
  /** The recipe could not be checked (main did not answer): nothing can be built until it is. */
  planError: AppError | null;
  replan: () => void;
  dispatch: (action: RecipeAction) => void;
  update: (patch: Partial<Recipe>) => void;
  addPackage: (text: string) => void;
  openPaths: (paths: string[]) => Promise<void>;
  openDropped: (files: File[]) => Promise<void>;
  /** Files we could not take, with why. */
  notices: string[];
  /** Packages read from notebooks and scripts, waiting for the user to confirm them. */
  inference: { result: InferenceResult | null; busy: boolean; error: string | null };
  clearInference: () => void;
  dismissNotice: (notice: string) => void;
  /** Notebooks, scripts and folders the user opened or dropped (with a path), newest first: what "Try your notebooks" runs. */
  notebookPaths: string[];
  setNotebookPaths: (paths: string[]) => void;
  /** Whether empty required fields are marked: only once the user has tried to go on without them. */
  showMissing: boolean;
  revealMissing: () => void;
}

const RecipeContext = createContext<RecipeContextValue | null>(null);

const PLAN_DELAY_MS = 120;
/** The draft is saved this long after the last change: often enough that a crash loses a moment at most. */
const DRAFT_DELAY_MS = 400;
const REQUIREMENTS = /\.(txt|in)$/i;
const CODE = /\.(ipynb|py)$/i;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function RecipeProvider({ initial, children }: { initial: Recipe; children: ReactNode }) {
  const [state, dispatch] = useReducer(recipeReducer, { recipe: initial, files: [] });
  // Every change is planned again in main (the same code the CLI and the build use); late answers are
  // dropped, and the last plan stays shown while the next is made.
  const planned = useRequest(() => call('recipe:plan', { recipe: state.recipe }), [state.recipe], { delayMs: PLAN_DELAY_MS, keepData: true });
  const plan = planned.data;
  const planError = planned.error;
  const replan = planned.reload;
  const [notices, setNotices] = useState<string[]>([]);
  const [showMissing, setShowMissing] = useState(false);
  const revealMissing = useCallback(() => setShowMissing(true), []);
  const [inference, setInference] = useState<RecipeContextValue['inference']>({ result: null, busy: false, error: null });
  const [notebookPaths, setNotebookPaths] = useState<string[]>([]);
  const recipeRef = useRef(state.recipe);
  recipeRef.current = state.recipe;

  const infer = useCallback(async (run: (pythonVersion: Recipe['pythonVersion'], indexUrl: string | null) => Promise<InferenceResult>) => {
    setInference({ result: null, busy: true, error: null });
    try {
      const result = await run(recipeRef.current.pythonVersion, recipeRef.current.index.indexUrl);
      setInference({ result, busy: false, error: null });
    } catch (error) {
      setInference({ result: null, busy: false, error: errorMessage(error) });
    }
  }, []);
  const notice = useCallback((text: string) => setNotices((all) => (all.includes(text) ? all : [...all, text])), []);

  // Never lose the draft: every change is written to disk (atomically, in main) shortly after it is made.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const timer = setTimeout(() => {
      call('draft:save', { recipe: state.recipe }).catch((error: unknown) => {
        notice(`Your recipe could not be saved as a draft: ${errorMessage(error)}`);
      });
    }, DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state.recipe, notice]);

  const openPaths = useCallback(
    async (paths: string[]) => {
      // Notebooks, scripts and folders are read for their imports; requirements files line by line.
      const code = paths.filter((path) => !REQUIREMENTS.test(path));
      if (code.length > 0) {
        setNotebookPaths((known) => [...code, ...known.filter((p) => !code.includes(p))]);
        await infer((pythonVersion, indexUrl) => call('infer:paths', { paths: code, pythonVersion, indexUrl }));
      }
      for (const path of paths.filter((p) => REQUIREMENTS.test(p))) {
        const name = baseName(path);
        try {
          const { set, added } = await call('requirements:open', { path });
          const file: OpenedFile = set.ok
            ? { id: newId('file'), name, parsed: set.files.map((f) => ({ name: f.relativePath, parsed: f.parsed })), refusal: null }
            : { id: newId('file'), name, parsed: [], refusal: set.message };
          dispatch({ type: 'file-opened', file, added });
        } catch (error) {
          notice(`${name}: ${errorMessage(error)}`);
        }
      }
    },
    [notice, infer],
  );

  const openDropped = useCallback(
    async (files: File[]) => {
      const withPaths: string[] = [];
      const code: File[] = [];
      for (const file of files) {
        const path = window.api.pathForFile(file);
        if (path !== null) {
          withPaths.push(path);
          continue;
        }
        if (CODE.test(file.name)) {
          code.push(file);
          continue;
        }
        if (!REQUIREMENTS.test(file.name)) {
          notice(`${file.name}: the app reads requirements files (.txt, .in), notebooks (.ipynb) and Python scripts (.py).`);
          continue;
        }
        try {
          const bytes = new Uint8Array(await file.slice(0, DROPPED_BYTES_SENT).arrayBuffer());
          const { parsed, added } = await call('requirements:parse-bytes', { name: file.name, base64: toBase64(bytes) });
          for (const include of parsed.includes) {
            notice(
              `${file.name} line ${include.line}: ${include.target} was not read, because a dropped file comes without its folder. Use "Open requirements…" to read it with the files it includes, or drop ${include.target} too.`,
            );
          }
          const opened: OpenedFile = { id: newId('file'), name: file.name, parsed: [{ name: file.name, parsed }], refusal: null };
          dispatch({ type: 'file-opened', file: opened, added });
        } catch (error) {
          dispatch({ type: 'file-opened', file: { id: newId('file'), name: file.name, parsed: [], refusal: errorMessage(error) }, added: null });
        }
      }
      if (code.length > 0) {
        const sources = await Promise.all(code.map(async (f) => ({ name: f.name, content: await f.text() })));
        await infer((pythonVersion, indexUrl) => call('infer:sources', { files: sources, pythonVersion, indexUrl }));
      }
      if (withPaths.length > 0) await openPaths(withPaths);
    },
    [notice, openPaths, infer],
  );

  const value = useMemo<RecipeContextValue>(
    () => ({
      state,
      plan,
      planError,
      replan,
      dispatch,
      update: (patch) => dispatch({ type: 'update', patch }),
      addPackage: (text) => {
        const entry: PackageEntry = { id: newId('pkg'), text: text.trim(), origin: { file: null, line: null } };
        if (entry.text !== '') dispatch({ type: 'add-packages', entries: [entry] });
      },
      openPaths,
      openDropped,
      notices,
      dismissNotice: (text) => setNotices((all) => all.filter((n) => n !== text)),
      inference,
      clearInference: () => setInference({ result: null, busy: false, error: null }),
      notebookPaths,
      setNotebookPaths,
      showMissing,
      revealMissing,
    }),
    [state, plan, planError, replan, openPaths, openDropped, notices, inference, notebookPaths, showMissing, revealMissing],
  );
  return <RecipeContext.Provider value={value}>{children}</RecipeContext.Provider>;
}

export function useRecipe(): RecipeContextValue {
  const value = useContext(RecipeContext);
  if (!value) throw new Error('useRecipe needs a RecipeProvider above it.');
  return value;
}
