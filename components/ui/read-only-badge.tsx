/** The "Chỉ xem" mark a screen shows when the user may look but not change; `reason` says which right is missing. */
export function ReadOnlyBadge({ reason }: { reason?: string }) {
  return (
    <span
      data-testid="read-only-badge"
      title={reason ?? 'Bạn chỉ có quyền xem trên màn hình này.'}
      className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900"
    >
      Chỉ xem
    </span>
  );
}
