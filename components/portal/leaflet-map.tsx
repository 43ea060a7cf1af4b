'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';

/**
 * The map of the location picker: OpenStreetMap tiles, a tap puts the pin. Loaded only in the browser and only when
 * its box comes into view (location-picker.tsx), so neither Leaflet nor its CSS weighs on the first load. A circle
 * marker needs no image files, so nothing breaks when the bundler moves Leaflet's icons.
 */
export default function LeafletMap({
  latitude,
  longitude,
  fallback,
  onPick,
}: {
  latitude: number | null;
  longitude: number | null;
  fallback: [number, number];
  onPick: (latitude: number, longitude: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const pin = useRef<L.CircleMarker | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    if (!box.current || map.current) return;
    const m = L.map(box.current, { attributionControl: true }).setView(fallback, 15);
    L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 19,
      attribution: '&copy; Những người đóng góp OpenStreetMap',
    }).addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => pick.current(e.latlng.lat, e.latlng.lng));
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      pin.current = null;
    };
    // The map is made once; later positions move the pin (below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (latitude === null || longitude === null) {
      pin.current?.remove();
      pin.current = null;
      return;
    }
    const at: L.LatLngExpression = [latitude, longitude];
    if (pin.current) pin.current.setLatLng(at);
    else pin.current = L.circleMarker(at, { radius: 9, color: '#0a6bb8', weight: 3, fillOpacity: 0.6 }).addTo(m);
    if (!m.getBounds().contains(at)) m.panTo(at);
  }, [latitude, longitude]);

  return <div ref={box} className="h-full w-full" data-testid="leaflet-map" />;
}
