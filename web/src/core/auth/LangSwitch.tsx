import { setLang, useLang } from '../i18n';
import { cx } from '../ui';

const names = { id: 'Bahasa Indonesia', en: 'English' } as const;

/** Toggles Bahasa Indonesia ⇄ English; the choice is kept in localStorage. */
export function LangSwitch({ className, compact = false }: { className?: string; compact?: boolean }) {
  const { lang } = useLang();
  const next = lang === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      className={cx('lang-switch', className)}
      onClick={() => setLang(next)}
      data-testid="lang-switch"
      lang={next}
    >
      {compact ? (
        <>
          <span aria-hidden="true">{next.toUpperCase()}</span>
          <span className="sr-only">{names[next]}</span>
        </>
      ) : (
        names[next]
      )}
    </button>
  );
}
