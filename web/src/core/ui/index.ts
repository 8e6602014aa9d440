export { Button, buttonClass } from './Button';
export { Alert, Badge, Card, PageHeader, Spinner } from './Card';
export { cx } from './cx';
export { EditorTool } from './EditorTool';
export { ErrorBoundary } from './ErrorBoundary';
export { Check, Field, FieldShell, SelectField, type SelectOption, TextAreaField } from './Field';
export { Icon, type IconName, resolveIcon } from './Icon';
export { ShellSkeleton } from './ShellSkeleton';
export { ToastProvider, useToast } from './Toast';
