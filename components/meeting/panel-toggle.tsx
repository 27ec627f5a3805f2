/**
 * A call-bar button that opens a panel of its own (Effects, React): the button says whether
 * its panel is open and which it is, shows only its icon on a phone, and the panel (`children`)
 * is placed against it.
 */
export function PanelToggle({
  icon,
  label,
  open,
  panelId,
  onToggle,
  children,
}: {
  icon: string;
  label: string;
  open: boolean;
  panelId: string;
  onToggle: () => void;
  children: React.ReactNode;
}) {
  return (
    <div className="relative max-sm:static">
      <button type="button" className="lk-button" aria-expanded={open} aria-controls={panelId} onClick={onToggle}>
        <span aria-hidden="true">{icon}</span>
        <span className="max-sm:sr-only">{label}</span>
      </button>
      {children}
    </div>
  );
}
