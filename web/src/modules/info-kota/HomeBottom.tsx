import './info-kota.css';
import { HomeLatest } from './HomeWidgets';

export default HomeLatest;
