import { useEffect, useState, type RefObject } from 'react';

/** Off-screen tiles and hidden pages stop their players: no decode work nobody sees. */
export function useVisibility(ref: RefObject<HTMLElement | null>): boolean {
  const [inView, setInView] = useState(true);
  const [pageVisible, setPageVisible] = useState(document.visibilityState !== 'hidden');
  useEffect(() => {
    const onVis = () => setPageVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onVis);
    const el = ref.current;
    const io = el ? new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting))) : undefined;
    if (el && io) io.observe(el);
    return () => {
      document.removeEventListener('visibilitychange', onVis);
      io?.disconnect();
    };
  }, [ref]);
  return inView && pageVisible;
}
