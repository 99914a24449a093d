import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { LessonSession } from '../lesson/useLessonSession.ts';
import { simComponent } from '../sims/registry.ts';
import { useStepSession, type StepSettings } from './useStepSession.ts';
import { StepPanel } from './StepPanel.tsx';
import { ToolSettings, useToolSettings } from './ToolSettings.tsx';
import { MemoryModelPicker } from './MemoryModel.tsx';
import type { MemoryModel } from '../../workers/explore/api.ts';
import { encodeShare } from '../lib/share.ts';
import { hrefFor } from '../lib/route.ts';

type TabId = 'sim' | 'step' | 'explore';

// Explore draws its outcomes with recharts: load it (and recharts) when the tab is first opened,
// not with every page.
const ExplorePanel = lazy(() =>
  import('./ExplorePanel.tsx').then((m) => ({ default: m.ExplorePanel })),
);

const LABELS: Record<TabId, string> = {
  sim: 'Real threads',
  step: 'Step: you are the scheduler',
  explore: 'Explore every interleaving',
};

/**
 * The lesson's simulation and its scheduler tools as tabs (WAI-ARIA tabs: arrow keys move between
 * tabs). Step and Explore mount on first visit and then stay mounted, so a session survives a switch.
 */
export function ToolsPanel({
  session,
  initialSchedule,
  initialMemoryModel,
}: {
  session: LessonSession;
  initialSchedule: number[] | null;
  /** A shared link's memory model (its schedule replays only under it). */
  initialMemoryModel?: MemoryModel;
}) {
  const { lesson } = session;
  const Sim = lesson.sim ? simComponent(lesson.sim) : null;
  const tabs: TabId[] = [...(Sim ? (['sim'] as const) : []), ...lesson.tools];
  const [active, setActive] = useState<TabId>(
    initialSchedule && lesson.tools.includes('step') ? 'step' : tabs[0],
  );
  const [visited, setVisited] = useState<Set<TabId>>(() => new Set([active]));
  // A schedule the learner asked to see (Explore's "open in Step"): replayed at once.
  const [request, setRequest] = useState<{ schedule: number[]; n: number } | null>(null);
  // A schedule from a shared link: shown, but run only when the learner presses Replay.
  const [pending, setPending] = useState<number[] | null>(initialSchedule);
  const settings = useToolSettings(lesson, session);
  // One memory model for Step and Explore; 'sc' leaves the settings exactly as before.
  const [memoryModel, setMemoryModel] = useState<MemoryModel>(initialMemoryModel ?? 'sc');
  const toolSettings: StepSettings =
    memoryModel === 'sc' ? settings.value : { ...settings.value, memoryModel };
  const id = useId();
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const open = (tab: TabId) => {
    setActive(tab);
    setVisited((v) => (v.has(tab) ? v : new Set(v).add(tab)));
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = tabs.indexOf(active);
    const next =
      e.key === 'ArrowRight'
        ? tabs[(i + 1) % tabs.length]
        : e.key === 'ArrowLeft'
          ? tabs[(i - 1 + tabs.length) % tabs.length]
          : null;
    if (next) {
      e.preventDefault();
      open(next);
      tabRefs.current[next]?.focus();
    }
  };
  if (tabs.length === 0) return null;

  const expectedCounter =
    lesson.stepGoal === 'lost-update'
      ? settings.value.threads * (settings.value.params.increments ?? 1)
      : null;

  const panel = (tab: TabId, children: ReactNode) =>
    visited.has(tab) && (
      <div
        key={tab}
        role="tabpanel"
        id={`${id}-${tab}`}
        aria-labelledby={`${id}-${tab}-tab`}
        hidden={active !== tab}
        className="tabpanel"
      >
        {children}
      </div>
    );

  return (
    <section className="panel sim" aria-label="Simulation and scheduler">
      {tabs.length > 1 && (
        <div role="tablist" aria-label="Views" className="tabs" onKeyDown={onKeyDown}>
          {tabs.map((t) => (
            <button
              key={t}
              ref={(el) => {
                tabRefs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-${t}-tab`}
              aria-selected={active === t}
              aria-controls={`${id}-${t}`}
              tabIndex={active === t ? 0 : -1}
              onClick={() => open(t)}
            >
              {t === 'sim' && session.transport === 'simulated' ? 'Simulated threads' : LABELS[t]}
            </button>
          ))}
        </div>
      )}
      {(active === 'step' || active === 'explore') && (
        <>
          <ToolSettings settings={settings} />
          <MemoryModelPicker value={memoryModel} onChange={setMemoryModel} />
        </>
      )}
      {Sim &&
        panel(
          'sim',
          <Suspense fallback={<p className="loading">Loading the simulation…</p>}>
            {/* simComponent returns one cached lazy component per id, so its identity is stable. */}
            {/* eslint-disable-next-line react-hooks/static-components */}
            <Sim session={session} />
          </Suspense>,
        )}
      {panel(
        'step',
        <StepTab
          session={session}
          settings={toolSettings}
          request={request}
          pending={pending}
          onReplayPending={() => {
            if (pending) setRequest((r) => ({ schedule: pending, n: (r?.n ?? 0) + 1 }));
            setPending(null);
          }}
          expectedCounter={expectedCounter}
          active={active === 'step'}
        />,
      )}
      {panel(
        'explore',
        <Suspense fallback={<p className="loading">Loading the explorer…</p>}>
          <ExplorePanel
            source={session.code}
            settings={toolSettings}
            expectedCounter={expectedCounter}
            onOpen={(schedule) => {
              setPending(null);
              setRequest((r) => ({ schedule, n: (r?.n ?? 0) + 1 }));
              open('step');
            }}
          />
        </Suspense>,
      )}
    </section>
  );
}

function StepTab({
  session,
  settings,
  request,
  pending,
  onReplayPending,
  expectedCounter,
  active,
}: {
  session: LessonSession;
  settings: StepSettings;
  request: { schedule: number[]; n: number } | null;
  pending: number[] | null;
  onReplayPending(): void;
  expectedCounter: number | null;
  active: boolean;
}) {
  const step = useStepSession(session.code, settings);
  const { replay } = step;
  const lastRequest = useRef(0);
  useEffect(() => {
    if (request && request.n !== lastRequest.current) {
      lastRequest.current = request.n;
      void replay(request.schedule);
    }
  }, [request, replay]);
  const [note, setNote] = useState<string | null>(null);
  const share = async (schedule: number[]) => {
    const url = new URL(window.location.href);
    url.hash = hrefFor(session.lesson.slug, {
      code: await encodeShare({
        code: session.code,
        schedule,
        ...(settings.memoryModel === 'tso' ? { memoryModel: 'tso' as const } : {}),
      }),
    });
    try {
      await navigator.clipboard.writeText(url.href);
      setNote('Link to this code and schedule copied.');
    } catch {
      window.history.replaceState(null, '', url);
      setNote('The address bar now holds a link to this code and schedule.');
    }
  };
  return (
    <>
      <StepPanel
        step={step}
        expectedCounter={expectedCounter}
        onHighlight={session.setHighlight}
        onShare={(s) => void share(s)}
        active={active}
        threads={settings.threads}
        memoryModel={settings.memoryModel ?? 'sc'}
        pendingSchedule={pending}
        onReplayPending={onReplayPending}
      />
      {note && (
        <p className="share-note" role="status">
          {note}
        </p>
      )}
    </>
  );
}
