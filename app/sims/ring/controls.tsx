export const KEY_CHOICES = [10_000, 100_000, 1_000_000];

export function Choice<T extends number | string>({
  label,
  value,
  options,
  onChange,
  format,
}: {
  label: string;
  value: T;
  options: T[];
  onChange(v: T): void;
  format?: (v: T) => string;
}) {
  return (
    <label className="inline-select">
      {label}{' '}
      <select
        value={String(value)}
        onChange={(e) => onChange(options.find((o) => String(o) === e.target.value)!)}
      >
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {format ? format(o) : String(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

export const keysLabel = (n: number) => n.toLocaleString('en');
export const HASHES: Array<'murmur3' | 'fnv1a'> = ['murmur3', 'fnv1a'];
