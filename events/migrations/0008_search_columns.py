"""The stored search columns (core.search: generated from the models'
search_fields, so adding them fills every existing row) and their GIN indexes."""

import core.search
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_search_folding'),
        ('events', '0007_reminders'),
    ]

    operations = [
        migrations.AddField(
            model_name='delegation',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedDocument('A:title_vi', 'A:title_en', 'B:slug', 'C:description_vi', 'C:description_en'), output_field=django.contrib.postgres.search.SearchVectorField(), verbose_name='search document'),
        ),
        migrations.AddField(
            model_name='delegation',
            name='search_names',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedNames('title_vi', 'title_en'), output_field=models.TextField(), verbose_name='search names'),
        ),
        migrations.AddField(
            model_name='event',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedDocument('A:title_vi', 'A:title_en', 'B:slug', 'B:city_vi', 'B:city_en', 'C:description_vi', 'C:description_en'), output_field=django.contrib.postgres.search.SearchVectorField(), verbose_name='search document'),
        ),
        migrations.AddField(
            model_name='event',
            name='search_names',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedNames('title_vi', 'title_en'), output_field=models.TextField(), verbose_name='search names'),
        ),
        migrations.AddField(
            model_name='initiative',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedDocument('A:title_vi', 'A:title_en', 'B:slug', 'C:description_vi', 'C:description_en', 'C:outcome_vi', 'C:outcome_en'), output_field=django.contrib.postgres.search.SearchVectorField(), verbose_name='search document'),
        ),
        migrations.AddField(
            model_name='initiative',
            name='search_names',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedNames('title_vi', 'title_en'), output_field=models.TextField(), verbose_name='search names'),
        ),
        core.search.search_index_migration('events_event', 'events_delegation', 'events_initiative'),
    ]
