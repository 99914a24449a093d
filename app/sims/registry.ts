import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { LessonSession } from '../lesson/useLessonSession.ts';

/** A simulation panel: app/sims/<id>/index.tsx default-exports one. Loaded lazily per lesson. */
export interface SimProps {
  session: LessonSession;
}

const modules = import.meta.glob<{ default: ComponentType<SimProps> }>('./*/index.tsx');

const cache = new Map<string, LazyExoticComponent<ComponentType<SimProps>>>();

/** The lazily loaded panel for a sim id, the same component every time (so React keeps its state). */
export function simComponent(id: string): LazyExoticComponent<ComponentType<SimProps>> | null {
  const load = modules[`./${id}/index.tsx`];
  if (!load) return null;
  let c = cache.get(id);
  if (!c) cache.set(id, (c = lazy(load)));
  return c;
}
