// The platform's mark: a gold star on party red. Decorative, hence aria-hidden.
export function Emblem({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#C8161D" stroke="#F5C242" strokeWidth="1.5" />
      <path d="M16 6l2.9 6.3 6.9.7-5.2 4.6 1.5 6.8L16 21l-6.1 3.4 1.5-6.8L6.2 13l6.9-.7z" fill="#F5C242" />
    </svg>
  );
}
