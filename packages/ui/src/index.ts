export { DataTable, type Column, type DataTableProps } from './data-table';
export { formatAge, formatCategory, formatDate, formatPercent } from './format';
export { LineChart, type LineChartPoint, type LineChartProps } from './line-chart';
export { explainStory, splitHighlights, type ExplainInput } from './explain';
export { hueOfSection, StoryCard, StoryCardSkeleton, type StoryCardProps } from './story-card';
export { MultiLineChart, type MultiLineChartProps } from './multi-line-chart';
export * from './field-errors';
export { FormMessage, inputClass, ResetCodeFields, TextField, type TextFieldProps } from './form';
