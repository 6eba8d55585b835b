import { useEffect, useState } from "react";

/** The value once it has stopped changing for `ms` (compared by content, not identity). */
export function useDebounced<T>(value: T, ms = 300): T {
  const key = JSON.stringify(value);
  const [debounced, setDebounced] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(key), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return JSON.parse(debounced) as T;
}
