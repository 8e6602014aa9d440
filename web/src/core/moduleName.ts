import { useLang } from './i18n';
import { useRegion } from './region';

/** Display name of a module id in the current language ('core' = the platform itself). */
export function useModuleName() {
  const { t, pick } = useLang();
  const region = useRegion();
  return (id: string) => {
    if (id === 'core') return t('live.moduleCore');
    const m = region.modules.find((x) => x.id === id);
    return m ? pick(m.name) : id;
  };
}
