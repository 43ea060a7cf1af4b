'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';

// Leaflet and its CSS load only in the browser, and only once the box is near the screen.
const LeafletMap = dynamic(() => import('./leaflet-map'), { ssr: false, loading: () => null });

/** Where the map opens when no pin is set: central Hà Nội, where the demo company serves. */
const DEFAULT_CENTER: [number, number] = [21.0285, 105.8542];

const parse = (v: string) => {
  const n = Number(v.trim().replace(',', '.'));
  return v.trim() !== '' && Number.isFinite(n) ? n : null;
};

/**
 * The map box of the registration: its height is reserved from the first paint (no layout shift when the map
 * arrives), and it is an aid only — the two coordinate inputs below it are the form's fields, typed by hand or
 * filled by a tap on the map or by the phone's location, so the page works without tiles or without the map at all.
 */
export function LocationPicker({
  latitude,
  longitude,
  onPick,
}: {
  latitude: string;
  longitude: string;
  onPick: (latitude: string, longitude: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [isNear, setIsNear] = useState(false);
  const [locating, setLocating] = useState<string | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || isNear) return;
    // Without an observer (no current browser, but a test DOM) the map is an aid that simply does not come.
    if (typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setIsNear(true);
      },
      { rootMargin: '200px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [isNear]);

  const pick = (lat: number, lng: number) => onPick(lat.toFixed(6), lng.toFixed(6));
  const lat = parse(latitude);
  const lng = parse(longitude);

  function locate() {
    if (!navigator.geolocation) {
      setLocating('Thiết bị không hỗ trợ định vị; vui lòng chạm vào bản đồ hoặc nhập tọa độ.');
      return;
    }
    setLocating('Đang lấy vị trí…');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(null);
        pick(p.coords.latitude, p.coords.longitude);
      },
      () => setLocating('Không lấy được vị trí; vui lòng chạm vào bản đồ hoặc nhập tọa độ.'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  return (
    <div className="space-y-2">
      <div
        ref={box}
        className="relative h-64 w-full overflow-hidden rounded-lg border border-slate-300 bg-slate-100"
        data-testid="map-box"
      >
        <p className="absolute inset-0 flex items-center justify-center p-4 text-center text-sm text-slate-500">
          Bản đồ đang tải… Nếu bản đồ không hiện, quý khách vẫn có thể nhập tọa độ bên dưới hoặc bỏ trống.
        </p>
        {isNear && (
          <div className="absolute inset-0 z-0">
            <LeafletMap
              latitude={lat !== null && lng !== null ? lat : null}
              longitude={lat !== null && lng !== null ? lng : null}
              fallback={lat !== null && lng !== null ? [lat, lng] : DEFAULT_CENTER}
              onPick={pick}
            />
          </div>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <button
          type="button"
          onClick={locate}
          data-testid="locate-me"
          className="rounded-lg border border-slate-300 px-3 py-2 font-medium text-brand-700 hover:bg-slate-50"
        >
          Dùng vị trí hiện tại
        </button>
        {locating && <span className="text-slate-600">{locating}</span>}
      </div>
    </div>
  );
}
