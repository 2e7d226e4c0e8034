export function ErrorNote({ message }: { message: string | null }) {
  return (
    <p role="alert" className={message ? 'error' : 'error empty'}>
      {message ?? ''}
    </p>
  );
}
