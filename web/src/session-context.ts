import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { Session } from './api/session.ts';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionContext');
  return session;
}
